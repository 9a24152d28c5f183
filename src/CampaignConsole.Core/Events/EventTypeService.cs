using CampaignConsole.Core.Common;
using CampaignConsole.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CampaignConsole.Core.Events;

public sealed record EventTypeRow(int Id, string Name, string Category, EventKind Kind, string? Description,
    bool AutoRegistered, DateTime CreatedAt);

public sealed record SaveEventType(string Name, string? Category, EventKind Kind, string? Description);

/// <summary>Event types: registered automatically on first sight, or created and edited by hand.</summary>
public sealed class EventTypeService(CampaignDbContext db, TimeProvider clock)
{
    public async Task<NumberedPage<EventTypeRow>> PageAsync(string? search, int skip, int take, CancellationToken ct)
    {
        var q = db.EventTypes.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(t => t.Name.Contains(search) || t.Category.Contains(search));
        var total = await q.CountAsync(ct);
        var rows = await Project(q.OrderBy(t => t.Name).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))).ToListAsync(ct);
        return new NumberedPage<EventTypeRow>(rows, total);
    }

    public Task<EventTypeRow?> FindAsync(string name, CancellationToken ct) =>
        Project(db.EventTypes.AsNoTracking().Where(t => t.Name == name)).FirstOrDefaultAsync(ct);

    /// <summary>Creates the type, or updates category, kind and description of an existing one.</summary>
    public async Task<Result<EventTypeRow>> SaveAsync(SaveEventType cmd, CancellationToken ct)
    {
        var errors = Validate(cmd);
        if (errors.Count > 0) return Result<EventTypeRow>.Invalid(errors);
        var name = cmd.Name.Trim();
        var existing = await db.EventTypes.FirstOrDefaultAsync(t => t.Name == name, ct);
        if (existing is null)
            db.EventTypes.Add(EventType.Create(name, cmd.Category, cmd.Kind, cmd.Description, clock.GetUtcNow().UtcDateTime));
        else
            existing.Update(cmd.Category, cmd.Kind, cmd.Description);
        await db.SaveChangesAsync(ct);
        return Result<EventTypeRow>.Ok((await FindAsync(name, ct))!);
    }

    public static Dictionary<string, string[]> Validate(SaveEventType cmd)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(cmd.Name)) errors["name"] = ["is required"];
        else if (cmd.Name.Trim().Length > 200) errors["name"] = ["is longer than 200 characters"];
        if (cmd.Category is { Length: > 100 }) errors["category"] = ["is longer than 100 characters"];
        if (!Enum.IsDefined(cmd.Kind)) errors["kind"] = ["must be customer or system"];
        return errors;
    }

    private static IQueryable<EventTypeRow> Project(IQueryable<EventType> q) =>
        q.Select(t => new EventTypeRow(t.Id, t.Name, t.Category, t.Kind, t.Description, t.AutoRegistered, t.CreatedAt));
}
