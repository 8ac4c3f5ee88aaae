"""0002: chart stages, whether a prediction held, workshop tools, idea triage, review marks

Revision ID: 0002_stages_workshop_review
Revises: 0001_initial
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0002_stages_workshop_review"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "review_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reviewer", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("looked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_mark")),
        sa.UniqueConstraint("reviewer", name=op.f("uq_review_mark_reviewer")),
    )
    op.create_table(
        "parking_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_parking_item_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parking_item")),
    )
    with op.batch_alter_table("parking_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_parking_item_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "vote_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("target", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("dots_per_person", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiative.id"],
            name=op.f("fk_vote_round_initiative_id_initiative"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_round")),
    )
    with op.batch_alter_table("vote_round", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vote_round_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "measure_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["measure.id"],
            name=op.f("fk_measure_stage_measure_id_measure"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_stage")),
        sa.UniqueConstraint("measure_id", "starts_on", name=op.f("uq_measure_stage_measure_id")),
    )
    with op.batch_alter_table("measure_stage", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_measure_stage_measure_id"), ["measure_id"], unique=False
        )

    op.create_table(
        "vote_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["vote_round.id"],
            name=op.f("fk_vote_tally_round_id_vote_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_tally")),
        sa.UniqueConstraint("round_id", "item_key", name=op.f("uq_vote_tally_round_id")),
    )
    with op.batch_alter_table("vote_tally", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vote_tally_round_id"), ["round_id"], unique=False)

    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prediction_held", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True)
        )

    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status_reason", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("votes", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.drop_column("prediction_held")

    with op.batch_alter_table("idea", schema=None) as batch_op:
        batch_op.drop_column("votes")
        batch_op.drop_column("status_reason")

    with op.batch_alter_table("vote_tally", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_tally_round_id"))

    op.drop_table("vote_tally")
    with op.batch_alter_table("measure_stage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_stage_measure_id"))

    op.drop_table("measure_stage")
    with op.batch_alter_table("vote_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_round_initiative_id"))

    op.drop_table("vote_round")
    with op.batch_alter_table("parking_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parking_item_initiative_id"))

    op.drop_table("parking_item")
    op.drop_table("review_mark")
