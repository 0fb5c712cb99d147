"""A local Slack workspace for trying coachbot without Slack.

The sandbox plays Slack's part on both sides of the wire: it serves the Web API methods the
bot calls, and sends signed slash commands, interactions and events to the bot's real
request path over HTTP. A web page shows the workspace: people, a team channel, each
person's DMs and App Home. The bot runs unchanged; only its clock is the sandbox's.
"""
