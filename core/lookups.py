"""`in` on an integer column ignores numbers the column cannot hold.

Django already treats such a number as matching nothing in `exact` and the comparisons, but not
in `in`: there SQLite raises OverflowError on a number past 64 bits, so a tampered id in a
multiple choice (`?ids=`, `mentees=`) would be a server error instead of «no such choice»."""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
