using System.Text.Json;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Events;
using CampaignConsole.Core.Events.Ingest;
using CampaignConsole.Core.Persistence;
using CampaignConsole.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CampaignConsole.Core.Demo;

/// <summary>
/// Fills an empty database with a small shop's customers and a month of their events, through the
/// real ingest path, so a newcomer's console has something to show.
/// </summary>
internal sealed class DemoSeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> options, IngestWriter writer,
    SourceKeyCache keys, StartupReport report, TimeProvider clock, ILogger<DemoSeeder> log) : IHostedService
{
    private static readonly string[] Names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Linus Torvalds",
        "Margaret Hamilton", "Edsger Dijkstra", "Barbara Liskov", "Dennis Ritchie", "Radia Perlman", "Ken Thompson", "Frances Allen",
        "Donald Knuth", "Hedy Lamarr", "Tim Berners-Lee", "Shafi Goldwasser", "John McCarthy", "Adele Goldberg", "Guido van Rossum", "Anita Borg"];
    private static readonly string[] Zones = ["Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"];
    private static readonly (string Sku, string Name, decimal Price)[] Products =
        [("A1", "Trail running shoes", 89m), ("B2", "Rain jacket", 129m), ("C3", "Wool socks", 12m), ("D4", "Headlamp", 35m), ("E5", "Water bottle", 18m)];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignDbContext>();
        if (await db.Contacts.AnyAsync(cancellationToken)) return;

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (name, category, kind, description) in new[]
        {
            ("viewed_item", "View", EventKind.Customer, "A product page was viewed"),
            ("add_to_cart", "Order", EventKind.Customer, "A product was added to the basket"),
            ("purchase", "Order", EventKind.Customer, "An order was placed"),
            ("login", "Other", EventKind.Customer, "The customer signed in"),
            ("item_back_in_stock", "Other", EventKind.System, "A product is available again"),
        })
            db.EventTypes.Add(EventType.Create(name, category, kind, description, now));
        await db.SaveChangesAsync(cancellationToken);
        writer.ForgetEventTypes();

        var source = await keys.ResolveAsync(report.WriteKey, cancellationToken)
            ?? throw new InvalidOperationException("The demo needs a source; SourceBootstrapper runs first.");
        var random = new Random(42);
        var messages = new List<IngestMessage>();
        for (var i = 0; i < Names.Length; i++)
        {
            var userId = $"demo-user-{i + 1}";
            var anon = $"demo-anon-{i + 1}";
            var first = now.AddDays(-30 + random.Next(0, 5)).AddMinutes(random.Next(0, 600));
            var traits = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["name"] = Names[i],
                ["email"] = $"{Names[i].Split(' ')[0].ToLowerInvariant()}@example.com",
                ["plan"] = i % 3 == 0 ? "gold" : i % 3 == 1 ? "silver" : "free",
                ["timezone"] = Zones[i % Zones.Length],
                ["city"] = Zones[i % Zones.Length].Split('/')[1].Replace('_', ' '),
            });
            messages.Add(Message("identify", userId, anon, "identify", traits, traits, first));
            var t = first;
            for (var n = 0; n < 8 + random.Next(0, 8); n++)
            {
                t = t.AddHours(random.Next(2, 60));
                if (t > now) break;
                var (sku, product, price) = Products[random.Next(Products.Length)];
                var props = JsonSerializer.Serialize(new { sku, name = product, price });
                var step = random.Next(10);
                var evt = step < 5 ? "viewed_item" : step < 8 ? "add_to_cart" : step < 9 ? "purchase" : "login";
                messages.Add(Message("track", userId, anon, evt, evt == "login" ? "{}" : props, null, t));
            }
        }
        await writer.WriteAsync(source.SourceId, messages, cancellationToken);
        await SeedCampaignsAsync(scope.ServiceProvider.GetRequiredService<CampaignService>(), cancellationToken);
        report.DemoSeeded = true;
        log.LogInformation("Seeded demo data: {Customers} customers, {Events} events", Names.Length, messages.Count);
    }

    /// <summary>The demo store's campaigns: an on-site basket nudge, stopped by a purchase, and an inbox thank-you.</summary>
    private static async Task SeedCampaignsAsync(CampaignService campaigns, CancellationToken ct)
    {
        string[] definitions =
        [
            """
            {"id":"basket-recovery","name":"Basket recovery (on-site)",
             "trigger":{"type":"event","event":"add_to_cart"},
             "frequency":{"mode":"each-time"},
             "stages":[{"send":{"channel":"on-site","title":"Still thinking about the {{ Event.name | default: 'item' }}?",
               "body":"It is waiting in your basket, {{ Profile.name | default: 'friend' }}. Order today for <b>free shipping</b>.",
               "data":{"cta":"Complete my order","url":"https://example.com/checkout"}}}],
             "stopOn":[{"event":"purchase"}],
             "goal":{"event":"purchase","within":"P1D"},
             "respectGlobalCaps":false}
            """,
            """
            {"id":"order-thank-you","name":"Order thank-you (inbox)",
             "trigger":{"type":"event","event":"purchase"},
             "stages":[{"send":{"channel":"inbox","title":"Thanks for your order!",
               "body":"Your {{ Event.name | default: 'order' }} is on its way. Enjoy the trail, {{ Profile.name | default: 'friend' }}.","expiresIn":"P30D"}}],
             "respectGlobalCaps":false}
            """,
        ];
        foreach (var json in definitions)
        {
            using var doc = JsonDocument.Parse(json);
            var saved = await campaigns.SaveAsync(doc.RootElement, create: true, null, ct);
            if (!saved.IsOk) throw new InvalidOperationException("A demo campaign does not validate: " + string.Join("; ", saved.Errors!.Select(e => $"{e.Key} {string.Join(",", e.Value)}")));
            await campaigns.ActivateAsync(saved.Value!.Id, ct);
        }
    }

    private static IngestMessage Message(string type, string userId, string anon, string name, string props, string? traits, DateTime at) =>
        new(type, $"demo-{Guid.NewGuid():N}", userId, anon, name, props, traits, """{"library":{"name":"demo-seed"}}""", at, null,
            traits is null ? null : JsonDocument.Parse(traits).RootElement.GetProperty("timezone").GetString());

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
