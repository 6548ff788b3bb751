"""The record screens every kind of record shares (walk-ins in ui.visits, patrols in
ui.patrols, meetings in ui.meetings): list page, record dialog, keyboard tables, the one
display of validation problems, officer pickers, drafts, history. Feature packages import
this package and ui.common, never each other; ui.records.kinds is the one module here that
reaches up into them (by deferred imports)."""
