using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CampaignConsole.Core.Sources;
using CampaignConsole.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignConsole.Web.Tests.Hubs;

/// <summary>
/// The official .NET SignalR client connected to `/hubs/messages` of the in-memory TestServer
/// (WebSockets through the TestServer's WebSocket client, ServerSentEvents or LongPolling), recording every push.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _inboxAdded = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<string> _inboxRemoved = Channel.CreateUnbounded<string>();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>("message", m => _messages.Writer.TryWrite(m));
        connection.On<JsonElement>("inboxAdded", i => _inboxAdded.Writer.TryWrite(i));
        connection.On<string>("inboxRemoved", id => _inboxRemoved.Writer.TryWrite(id));
    }

    public HubConnection Connection { get; }

    public static string UserQuery(string userId, string? userHash = null, string writeKey = CampaignApiFactory.WriteKey) =>
        $"writeKey={Uri.EscapeDataString(writeKey)}&userId={Uri.EscapeDataString(userId)}&userHash={Uri.EscapeDataString(userHash ?? Hash(userId))}";

    public static string AnonymousQuery(string anonymousId, string writeKey = CampaignApiFactory.WriteKey) =>
        $"writeKey={Uri.EscapeDataString(writeKey)}&anonymousId={Uri.EscapeDataString(anonymousId)}";

    public static string Hash(string userId) => ApiKeys.UserHash(CampaignApiFactory.SecretKey, userId);

    public static HubClient Create(CampaignApiFactory app, string query, HttpTransportType transport = HttpTransportType.LongPolling,
        string? origin = null)
    {
        var url = new Uri(app.Server.BaseAddress, "/hubs/messages?" + query);
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = transport;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                // The TestServer's own WebSocket client: the whole connection is one admitted request.
                o.WebSocketFactory = async (context, ct) =>
                {
                    var ws = app.Server.CreateWebSocketClient();
                    if (origin is not null) ws.ConfigureRequest = r => r.Headers.Origin = origin;
                    return await ws.ConnectAsync(context.Uri, ct);
                };
                if (origin is not null) o.Headers["Origin"] = origin;
            })
            .Build();
        return new HubClient(connection);
    }

    public static async Task<HubClient> ConnectAsync(CampaignApiFactory app, string query, HttpTransportType transport = HttpTransportType.LongPolling,
        string? origin = null)
    {
        var client = Create(app, query, transport, origin);
        using var cts = new CancellationTokenSource(Wait);
        await client.Connection.StartAsync(cts.Token);
        return client;
    }

    /// <summary>Connecting must fail at negotiate with this status; returns nothing to talk to.</summary>
    public static async Task AssertRefusedAsync(CampaignApiFactory app, string query, HttpStatusCode status, string? origin = null)
    {
        await using var client = Create(app, query, HttpTransportType.LongPolling, origin);
        using var cts = new CancellationTokenSource(Wait);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.Connection.StartAsync(cts.Token));
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
    }

    public Task<JsonElement> NextMessageAsync() => NextAsync(_messages.Reader, "message");

    public Task<JsonElement> NextInboxAddedAsync() => NextAsync(_inboxAdded.Reader, "inboxAdded");

    public Task<string> NextInboxRemovedAsync() => NextAsync(_inboxRemoved.Reader, "inboxRemoved");

    /// <summary>True when no push of that kind is waiting after <paramref name="quiet"/>.</summary>
    public async Task AssertNoMessageAsync(TimeSpan quiet)
    {
        await Task.Delay(quiet);
        Assert.False(_messages.Reader.TryRead(out var m), $"unexpected message {m}");
        Assert.False(_inboxAdded.Reader.TryRead(out var i), $"unexpected inboxAdded {i}");
    }

    private static async Task<T> NextAsync<T>(ChannelReader<T> reader, string what)
    {
        using var cts = new CancellationTokenSource(Wait);
        try
        {
            return await reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no `{what}` push within {Wait.TotalSeconds} s");
        }
    }

    public async Task<JsonElement> SyncAsync(string? cursor) => await Connection.InvokeAsync<JsonElement>("Sync", cursor);

    public async Task<JsonElement[]> GetInboxAsync() => [.. (await Connection.InvokeAsync<JsonElement>("GetInbox")).EnumerateArray()];

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>Campaigns and events through the public API, as a customer's backend would.</summary>
internal static class RealtimeApi
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Creates and activates an event-triggered campaign with one send stage.</summary>
    public static async Task CreateActiveCampaignAsync(this HttpClient api, string id, string eventName, object send)
    {
        using (var type = await api.PostAsJsonAsync("/api/v1/event-types", new { name = eventName, category = "Other", kind = "customer" }))
            Assert.True(type.IsSuccessStatusCode || type.StatusCode == HttpStatusCode.Conflict,
                $"event type {eventName}: {(int)type.StatusCode} {await type.Content.ReadAsStringAsync()}");
        var definition = new
        {
            id,
            name = "Realtime test " + id,
            trigger = new { type = "event", @event = eventName },
            frequency = new { mode = "each-time" },
            stages = new object[] { new { send } },
            respectGlobalCaps = false,
        };
        using (var created = await api.PostAsJsonAsync("/api/v1/campaigns", definition))
            Assert.True(created.StatusCode == HttpStatusCode.Created, $"create {id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        using var activated = await api.PostAsync($"/api/v1/campaigns/{id}/activate", null);
        Assert.True(activated.IsSuccessStatusCode, $"activate {id}: {(int)activated.StatusCode} {await activated.Content.ReadAsStringAsync()}");
    }

    public static Task TrackAsync(this HttpClient ingest, string userId, string eventName, object? properties = null) =>
        ingest.SendAsync(Segment.Track(userId, eventName, properties));

    public static async Task<JsonArray> InboxAsync(this HttpClient api, string userId)
    {
        using var response = await api.GetAsync($"/api/v1/users/{Uri.EscapeDataString(userId)}/inbox");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET inbox of {userId}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsArray();
    }

    /// <summary>Polls until <paramref name="probe"/> holds (deliveries are sent by a background dispatcher).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> probe, string what)
    {
        var deadline = DateTime.UtcNow + HubClient.Wait;
        while (true)
        {
            var value = await read();
            if (probe(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not within {HubClient.Wait.TotalSeconds} s (last: {value})");
            await Task.Delay(100);
        }
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
