"""Buku Ekspedisi (issue 17): documents sent out of the station."""
