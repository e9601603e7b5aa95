"""Documents the importer has never seen: the same kinds of layout with other words, other
codes and other agencies."""

from datetime import date

from plans.importing import parse_document

WATFORD_ACTION_PLAN = """\
Watford Community Safety Partnership Action Plan 2022/23

Our objectives

A. Keep people safe in the town centre at night
B. Reduce harm from drugs

Our priorities

1) Tackle violence against women and girls
2) Reduce shoplifting

Ref\tWhat we will do\tWho\tBy when\tRAG\tComments
A1\tRun a safer night-time economy campaign\tWatford Borough Council / Police\tAutumn 2022\t\
Green\tCampaign launched in October
B\tFund outreach for drug users\tCGL, Watford BC\tOngoing\tAmber\tAs above
2\tShop watch radio scheme\tBID\tQ4\tRed\tDelayed
"""

THREE_RIVERS_UPDATE = """\
Three Rivers Community Safety Partnership
Annual Update 2015/16

Priority 1: Burglary

Activity\tLead\tDeadline\tProgress update
Property marking events\tPolice\tSummer 2015\tSix events held
Cocooning after burglaries\tPolice / Three Rivers DC\tOngoing\tIn place

Priority 2: Anti-social behaviour

Activity\tLead\tDeadline\tProgress update
Property marking events\tPolice\tSummer 2015\tSix events held
Youth diversion sessions\tThree Rivers DC\tOctober 2015 - March 2016\tWeekly sessions running
"""

BEDFORD_STRATEGY = """\
Bedford Borough Community Safety Partnership
Community Safety Strategy 2023-2026

Introduction

This strategy sets out what the partnership will focus on over the next three years.

The partnership is made up of the following responsible authorities:

- Bedford Borough Council
- Bedfordshire Police
- Probation Service

Our priorities

Reducing serious violence

Keeping vulnerable people safe

Delivering our priorities

Reducing serious violence

Bedfordshire Police will run targeted patrols in the town centre on weekend nights.

They will also work with schools on knife crime education.

This will include assemblies in every secondary school.

Keeping vulnerable people safe

The Council will fund an independent domestic violence adviser.
"""
BEDFORD_ALIASES = {
    "Bedfordshire Police": "Bedfordshire Police",
    "Police": "Bedfordshire Police",
    "Bedford Borough Council": "Bedford Borough Council",
}

HERTSMERE_PLAN = """\
Hertsmere
Crime and Disorder Reduction Partnership Plan
April 2005 to March 2008

Our priorities:

- Reduce violent crime
- Reduce criminal damage

Priority - Reduce violent crime in the town centres

Success criteria

Reduce violence against the person by 10% (LAA target)

Activities

- Late night patrols
- Taxi marshals

Priority - Reduce criminal damage

Success Criteria

Fewer reports of graffiti

Actions

- Graffiti removal within 48 hours
"""


def test_an_action_table_with_other_headers_and_codes():
    document = parse_document(WATFORD_ACTION_PLAN.encode(), "watford.txt")
    assert document.layout == "coded_action_table"
    assert document.partnership.name == "Watford"
    assert [(p.code, p.kind) for p in document.priorities] == [
        ("A", "aim"),
        ("B", "aim"),
        ("1", "priority"),
        ("2", "priority"),
    ]
    campaign, outreach, radio = document.actions
    assert campaign.priority_codes == ["A", "1"]  # "A1": aim A and priority 1
    assert campaign.lead_agencies == ["Watford Borough Council", "Hertfordshire Constabulary"]
    assert (campaign.start, campaign.due) == (date(2022, 9, 1), date(2022, 11, 30))
    assert (campaign.rag, outreach.rag, radio.rag) == ("green", "amber", "red")
    assert outreach.progress == ["Campaign launched in October"]  # "As above"
    assert outreach.lead_agencies == ["Change Grow Live", "Watford BC"]
    assert (radio.start, radio.due) == (date(2023, 1, 1), date(2023, 3, 31))  # Q4 of 2022/23


def test_priority_tables_with_the_title_on_the_heading_line():
    document = parse_document(THREE_RIVERS_UPDATE.encode(), "three-rivers.txt")
    assert document.layout == "priority_action_tables"
    assert document.partnership.name == "Three Rivers"
    assert document.plan.kind == "update_report"
    assert [(p.code, p.title) for p in document.priorities] == [
        ("1", "Burglary"),
        ("2", "Anti-social behaviour"),
    ]
    marking, cocooning, diversion = document.actions
    assert marking.priority_codes == ["1", "2"]
    assert marking.rows == [7, 13]
    assert cocooning.lead_agencies == ["Hertfordshire Constabulary", "Three Rivers DC"]
    assert (diversion.start, diversion.due) == (date(2015, 10, 1), date(2016, 3, 31))


def test_a_strategy_of_another_county_with_its_own_aliases():
    document = parse_document(BEDFORD_STRATEGY.encode(), "bedford.txt", aliases=BEDFORD_ALIASES)
    assert document.layout == "narrative_strategy"
    assert (document.plan.start, document.plan.end) == (date(2023, 4, 1), date(2026, 3, 31))
    assert [(m.agency, m.role) for m in document.members] == [
        ("Bedford Borough Council", "responsible_authority"),
        ("Bedfordshire Police", "responsible_authority"),
        ("Probation Service", "responsible_authority"),
    ]
    patrols, schools, adviser = document.actions
    assert patrols.lead_agencies == ["Bedfordshire Police"]
    assert schools.lead_agencies == ["Bedfordshire Police"]
    assert "assemblies in every secondary school" in schools.description
    assert adviser.lead_agencies == ["Bedford Borough Council"]
    assert adviser.priority_codes == ["2"]


def test_a_success_criteria_plan_with_other_priorities():
    document = parse_document(HERTSMERE_PLAN.encode(), "hertsmere.txt")
    assert document.layout == "success_criteria_plan"
    assert document.partnership.kind == "cdrp"
    assert (document.plan.start, document.plan.end) == (date(2005, 4, 1), date(2008, 3, 31))
    [violence, graffiti] = document.success_criteria
    assert (violence.priority_code, violence.laa, violence.target_value) == ("1", True, 10)
    assert graffiti.priority_code == "2"
    assert [(a.title, a.priority_codes) for a in document.actions] == [
        ("Late night patrols", ["1"]),
        ("Taxi marshals", ["1"]),
        ("Graffiti removal within 48 hours", ["2"]),
    ]
