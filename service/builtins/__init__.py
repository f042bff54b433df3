"""The built-in schemas: one module each, each with a ``SPEC`` (:class:`service.specs.SchemaSpec`).

A module here is a built-in schema; :func:`service.specs.builtin_specs` finds them all.
What only holds for one schema (its special steps, its layouts) lives in its module.
"""
