using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KeyProjects.Web.Data;

/// <summary>万元 ↔ whole yuan (万元 × 10000) in an INTEGER column, so SQLite can sort, compare and sum money exactly.</summary>
public sealed class SqliteMoneyConverter() : ValueConverter<decimal, long>(
    wan => (long)decimal.Round(wan * 10_000m, 0, MidpointRounding.AwayFromZero),
    yuan => yuan / 10_000m);
