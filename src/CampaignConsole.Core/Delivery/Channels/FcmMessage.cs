using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignConsole.Core.Delivery;

/// <summary>The FCM v1 request body for one device.</summary>
internal static class FcmMessage
{
    public static JsonObject Build(string token, OutgoingMessage message)
    {
        var content = message.Content;
        var notification = new JsonObject();
        if ((content.Title ?? content.Subject) is { } title)
        {
            notification["title"] = title;
        }

        notification["body"] = content.Body;
        var body = new JsonObject { ["token"] = token, ["notification"] = notification };
        var data = Data(content);
        if (data.Count > 0)
        {
            body["data"] = data;
        }

        // Browsers open fcm_options.link on click; FCM accepts only HTTPS there.
        if (Uri.TryCreate(content.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            body["webpush"] = new JsonObject { ["fcm_options"] = new JsonObject { ["link"] = url.AbsoluteUri } };
        }

        return new JsonObject { ["message"] = body };
    }

    // FCM data values must be strings: strings pass as they are, anything else as its JSON text.
    private static JsonObject Data(RenderedContent content)
    {
        var data = new JsonObject();
        foreach (var (key, value) in content.Data ?? [])
        {
            data[key] = value switch
            {
                null => "",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => value.ToJsonString(),
            };
        }

        if (content.Url is { Length: > 0 } link && !data.ContainsKey("url"))
        {
            data["url"] = link;
        }

        return data;
    }
}
