using System.Data.Common;

namespace CampaignConsole.Core.Contacts;

/// <summary>
/// Folds one contact into another inside the caller's transaction: its events, anonymous ids and
/// traits move to the survivor (whose own traits win), then it is deleted.
/// </summary>
public static class ContactMerger
{
    /// <summary>Tables whose rows follow the contact. Frequency claims stay behind: the survivor's own rule state wins.</summary>
    private static readonly string[] ContactTables = ["Events", "ContactAliases", "Journeys", "Deliveries"];

    public static async Task MergeAsync(DbConnection conn, DbTransaction tx, long absorbed, long survivor, CancellationToken ct)
    {
        string? absorbedTraits = null, survivorTraits = null;
        await using (var read = conn.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = $"""SELECT "Id", "TraitsJson" FROM "Contacts" WHERE "Id" IN ({absorbed}, {survivor})""";
            await using var r = await read.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (r.GetInt64(0) == absorbed) absorbedTraits = r.GetString(1);
                else survivorTraits = r.GetString(1);
            }
        }
        if (absorbedTraits is null || survivorTraits is null) return;

        var merged = TraitMerge.MergeUnder(survivorTraits, absorbedTraits);
        var statements = ContactTables
            .Select(t => $"""UPDATE "{t}" SET "ContactId" = {survivor} WHERE "ContactId" = {absorbed}""")
            .Append($"""DELETE FROM "Contacts" WHERE "Id" = {absorbed}""");
        foreach (var sql in statements)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using var set = conn.CreateCommand();
        set.Transaction = tx;
        set.CommandText = """UPDATE "Contacts" SET "TraitsJson" = @j WHERE "Id" = @c""";
        var j = set.CreateParameter(); j.ParameterName = "@j"; j.Value = merged; set.Parameters.Add(j);
        var c = set.CreateParameter(); c.ParameterName = "@c"; c.Value = survivor; set.Parameters.Add(c);
        await set.ExecuteNonQueryAsync(ct);
    }
}
