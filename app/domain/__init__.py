"""Domain values: codes and frozen dataclasses shared by the store, reports and the UI."""
