"""BillMA core: everything that is not a Lambda entry point (models, rules, robot, storage)."""
