"""Scheduled dialogue sessions, invitations, attendance and the hours ledger."""
