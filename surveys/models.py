"""Before/after surveys, rounds, invitations and anonymous responses."""
