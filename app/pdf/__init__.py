"""Printed documents: shared machinery (base) and the citizen receipts (receipts)."""
