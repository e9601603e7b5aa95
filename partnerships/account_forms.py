"""Forms of the account pages: accepting an invitation, the two-factor code, and Django's
own password forms in the GOV.UK layout (crispy-forms-gds)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.contrib.auth import forms as auth_forms

PASSWORD_HINT = (
    "At least 8 characters. Not a common password, not only numbers, and not like your "
    "name, username or e-mail address."
)


def govuk_helper(form, *names: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True  # the page's <form> has the token
    helper.layout = Layout(
        *(Field.text(name, label_size="s", field_width="two-thirds") for name in names)
    )
    return helper


class AcceptInvitationForm(auth_forms.UserCreationForm):
    """The invitee's own account: a username and a password that passes the validators.

    The e-mail address is the invitation's; the invitation view sets it on the instance
    before validating, so the password may not resemble it either."""

    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)

    class Meta(auth_forms.UserCreationForm.Meta):
        fields = ["username", "first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = (
            "You sign in with this. Letters, numbers and @ . + - _ only; your e-mail "
            "address will do."
        )
        self.fields["password1"].help_text = PASSWORD_HINT
        self.fields["password2"].label = "Password again"
        self.helper = govuk_helper(
            self, "username", "first_name", "last_name", "password1", "password2"
        )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autofocus": True}
        ),
    )

    def __init__(self, *args, hint: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = hint
        self.helper = govuk_helper(self)
        self.helper.layout = Layout(Field.text("code", label_size="s", field_width=10))

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail address"
        self.helper = govuk_helper(self, "email")


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password2"].label = "New password again"
        self.helper = govuk_helper(self, "new_password1", "new_password2")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password2"].label = "New password again"
        self.helper = govuk_helper(self, "old_password", "new_password1", "new_password2")
