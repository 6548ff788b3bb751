"""Who may open the store and do what: roles and permissions, password rules, and the key
slots that hold the store's data key (pure Python: no Qt, no SQL)."""
