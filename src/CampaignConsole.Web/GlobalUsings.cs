global using CampaignConsole.Web.Api;
global using CampaignConsole.Web.Auth;
global using CampaignConsole.Web.Sdk;
global using CampaignConsole.Web.Demo;
