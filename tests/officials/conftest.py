import pytest

from dateline.officials.defaults import ensure_default_offices
from dateline.officials.models import Office
from dateline.officials.roster import import_roster

ROSTER = """name,office,district,start,end
Ines Park,Councilmember,2,2016-12-13,2020-12-07
Ines Park,Mayor,,2020-12-08,
Otto Brandt,Councilmember,4,2018-12-11,
Otto Brandt,Vice Mayor,,2023-01-01,2023-12-31
Ruth Okoye,Councilmember,1,2020-12-08,
Ruth Okoye,Vice Mayor,,2024-01-01,2024-12-31
Leo Vance,Councilmember,2,2020-12-08,
Gil Moreno,City Manager,,2019-07-01,
"""


@pytest.fixture
def offices(db):
    ensure_default_offices(Office)  # also after a transactional test has emptied the tables
    return {o.title: o for o in Office.objects.all()}


@pytest.fixture
def roster(offices):
    """Harlow Creek's officials: a mayor who was a councilmember, vice mayors by year."""
    import_roster(ROSTER)
