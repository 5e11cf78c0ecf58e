"""Schema 5: the courtship programme.

A client can be snoozed (left off the due list until a date); gifts and discounts carry
their value, and a yearly appreciation budget can be set per tier and per client. Amounts
are whole minor units (cents) of the owner's one currency: exact sums, no float drift.
"""

from peewee import DateField, IntegerField


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("client", "snoozed_until", DateField(null=True)),
        migrator.add_column("client", "yearly_budget_cents", IntegerField(null=True)),
        migrator.add_column("tier", "yearly_budget_cents", IntegerField(null=True)),
        migrator.add_column("interaction", "value_cents", IntegerField(null=True)),
    )
