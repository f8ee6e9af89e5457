"""The reference Wagtail site that runs complaints_process for the seed authorities."""
