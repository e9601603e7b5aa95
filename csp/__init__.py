"""The project package: settings, URLs, the service-wide middleware.

django-csp's modules are also a top-level package named ``csp``. Rather than rename this
package while the whole project imports it, we make ``csp`` one package spread over both
folders (the standard ``pkgutil.extend_path`` mechanism): our modules are found first, and
django-csp's (``csp.middleware``, ``csp.constants``, ...) fill in the names we do not use.
So no module here may take a name django-csp uses (middleware, constants, utils, apps,
checks, decorators, exceptions, models, context_processors, templatetags, extensions,
contrib, tests); tests/test_security_headers.py checks that.
"""

from pkgutil import extend_path

__path__ = extend_path(__path__, __name__)
