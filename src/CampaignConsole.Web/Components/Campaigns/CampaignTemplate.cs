namespace CampaignConsole.Web.Components.Campaigns;

/// <summary>What "New campaign" starts from: CONTRACT.md's basket recovery, cut to one in-app stage.</summary>
internal static class CampaignTemplate
{
    public const string NewCampaign = """
        {
          "id": "basket-nudge",
          "name": "Basket nudge (in-app)",
          "trigger": { "type": "event", "event": "add_to_cart",
                       "where": [{ "field": "price", "op": "gte", "value": 20 }] },
          "frequency": { "mode": "once-per", "period": "PT1H" },
          "stages": [
            { "send": { "channel": "in-app", "title": "Still thinking?",
                        "body": "Hi {{ Profile.name | default: 'there' }}, your basket is waiting." } }
          ],
          "stopOn": [{ "event": "purchase" }],
          "goal": { "event": "purchase", "within": "P1D" },
          "controlGroupPercent": 0,
          "respectGlobalCaps": true
        }
        """;
}
