"""Reports in Slack: the admin's export buttons and the CSV file they send to a DM."""
