"""The schema: named, append-only migrations and the seed data they write."""
