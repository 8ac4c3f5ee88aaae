"""The service layer: the only code that opens a database session.

Each function is one unit of work (one transaction), takes plain values and returns plain
domain objects from ``forbattra.core.domain``. Every write records an :class:`Event`.
"""
