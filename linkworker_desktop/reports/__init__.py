"""Caseload figures and exports for the PCN."""
