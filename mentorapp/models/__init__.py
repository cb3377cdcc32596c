"""The headless core: entities, storage, trust, services and insights. No Qt here."""
