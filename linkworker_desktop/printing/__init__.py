"""PDFs for patients and practices (wellbeing plan, discharge summary)."""
