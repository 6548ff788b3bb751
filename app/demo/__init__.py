"""Demo data for Polsek Pedamaran (`piket demo`): a roster, vehicles, walk-in visits with their
handling, patrols and community meetings, all written through the store API so validation,
numbers and the audit trail are real. Deterministic: the same seed and end date give the same
records (only random.Random(seed) is used; uuids and seed master data times are the store's).

Entry point: `generator.generate_demo`.
"""
