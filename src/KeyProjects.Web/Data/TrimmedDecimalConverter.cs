using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KeyProjects.Web.Data;

/// <summary>
/// numeric(18,4) comes back from PostgreSQL as 90000.5000; the same number read from SQLite is 90000.5. Dropping the
/// trailing zeros on read makes every provider give the API, the pages and the files the same text for the same amount.
/// </summary>
public sealed class TrimmedDecimalConverter() : ValueConverter<decimal, decimal>(
    v => v,
    v => v / 1.000000000000000000000000000000000m);
