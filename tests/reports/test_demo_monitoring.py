"""The demo step that gives the demo school its targets and contingent."""

from datetime import date

from reports.demo_monitoring import monitoring_inputs_add
from reports.models import Contingent, IndicatorTarget
from reports.selectors.indicators import school_indicators


def test_the_demo_school_gets_seed_targets_and_a_class_list_once(school, curator, set_today):
    set_today(date(2026, 12, 7))
    monitoring_inputs_add(school)
    monitoring_inputs_add(school)
    assert dict(IndicatorTarget.objects.values_list("indicator", "target")) == {
        "mentees_10_18": 10,
        "mentors_15_18": 2,
        "young_teachers": 100,
        "mentee_satisfaction": 50,
        "mentor_satisfaction": 50,
    }
    contingent = Contingent.objects.get()
    assert contingent.source == Contingent.Source.CLASS_LIST
    assert contingent.students_total == 500 and contingent.rejected_rows == []
    assert contingent.created_by == curator
    figures = school_indicators(school, date(2026, 12, 7)).figures
    assert figures["mentees_10_18"].denominator > figures["mentors_15_18"].denominator > 0
