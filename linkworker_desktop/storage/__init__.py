"""The encrypted database on the laptop: keys, migrations, the unit of work and queries."""
