namespace KeyProjects.Web.Infrastructure.Changes;

/// <summary>
/// Which counted tables a context's current transaction has written and which numbers it has taken, for
/// <see cref="ChangeGuard"/>. Held by the context; a new transaction starts a new account.
/// </summary>
public sealed class ChangeLedger
{
    private Guid _transaction;
    private int _owed;
    private int _taken;

    private static int Bit(Counter c) => 1 << (int)c;

    private void Use(Guid transaction)
    {
        if (_transaction == transaction) return;
        _transaction = transaction;
        _owed = 0;
        _taken = 0;
    }

    internal void Took(Guid transaction, Counter counter)
    {
        Use(transaction);
        _taken |= Bit(counter);
    }

    internal void Owes(Guid transaction, Counter counter)
    {
        Use(transaction);
        _owed |= Bit(counter);
    }

    internal bool HasTaken(Guid transaction, Counter counter) => _transaction == transaction && (_taken & Bit(counter)) != 0;

    /// <summary>Counters the transaction wrote tables of without taking their number.</summary>
    internal IReadOnlyList<Counter> Unpaid(Guid transaction) =>
        _transaction != transaction ? [] : Enum.GetValues<Counter>().Where(c => (_owed & ~_taken & Bit(c)) != 0).ToList();
}
