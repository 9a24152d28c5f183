using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignConsole.Web.Tests.Engine;

/// <summary>One POST as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers, DateTime At)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (Kestrel, random port) that records every POST: what a
/// customer's webhook receiver sees. Each test uses its own path; a path can be told to fail.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, int> _statusByPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delayByPath = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext ctx) =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer);
            var path = ctx.Request.Path.Value ?? "";
            // A slow receiver: the request is recorded once it has been answered, as a real receiver would commit it.
            if (receiver._delayByPath.TryGetValue(path, out var delay)) await Task.Delay(delay);
            receiver._received.Enqueue(new ReceivedWebhook(path, buffer.ToArray(),
                ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), DateTime.UtcNow));
            ctx.Response.StatusCode = receiver._statusByPath.GetValueOrDefault(path, 200);
            await ctx.Response.WriteAsync(ctx.Response.StatusCode >= 400 ? "{\"error\":\"receiver is down\"}" : "{\"ok\":true}");
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>A fresh path on this receiver, for one test.</summary>
    public string Url(string path) => BaseUrl + "/" + path.TrimStart('/');

    public void AnswerWith(string path, int status) => _statusByPath["/" + path.TrimStart('/')] = status;

    public void AnswerAfter(string path, TimeSpan delay) => _delayByPath["/" + path.TrimStart('/')] = delay;

    public IReadOnlyList<ReceivedWebhook> Calls(string path) =>
        _received.Where(r => r.Path == "/" + path.TrimStart('/')).ToList();

    public IReadOnlyList<ReceivedWebhook> All => _received.ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Polling with a deadline instead of fixed sleeps.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="because"/> at the deadline.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting: " + because);
            await Task.Delay(100);
        }
    }

    public static Task WaitAsync(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        WaitAsync(() => Task.FromResult(condition()), because, timeout);

    /// <summary>
    /// Waits for <paramref name="expected"/> webhooks on the path, then keeps watching for
    /// <paramref name="settle"/> to catch any extra one; returns what arrived.
    /// </summary>
    public static async Task<IReadOnlyList<ReceivedWebhook>> ExactlyAsync(WebhookReceiver receiver, string path, int expected, TimeSpan? settle = null)
    {
        if (expected > 0)
            await WaitAsync(() => receiver.Calls(path).Count >= expected, $"{expected} webhook(s) on {path}; got {receiver.Calls(path).Count}");
        await Task.Delay(settle ?? TimeSpan.FromSeconds(2));
        var calls = receiver.Calls(path);
        Assert.True(calls.Count == expected, $"expected exactly {expected} webhook(s) on {path}, got {calls.Count}:\n{string.Join("\n", calls.Select(c => c.Text))}");
        return calls;
    }
}
