"""Accounts: the rules for names, codes, phones and secrets, and creating people."""
