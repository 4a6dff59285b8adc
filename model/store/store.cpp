#include "store/store.h"

namespace lb {

Result<Store::Presence> Store::knownPresence(const QString &name)
{
    const Result<bool> exists = branchExists(name);
    if (!exists)
        return exists.takeError();
    return exists.value() ? Presence::Present : Presence::Absent;
}

Result<void> Store::forEachDataHash(const std::function<void(const QString &)> &visit)
{
    const Result<QList<DataUnit>> units = dataUnits();
    if (!units)
        return units.takeError();
    for (const DataUnit &unit : units.value())
        visit(unit.dataHash);
    return {};
}

Result<void> Store::addDataUnits(const QList<DataUnit> &units)
{
    if (units.isEmpty())
        return {};
    return fail(ErrorKind::Usage,
                QStringLiteral("this project cannot take new data units (data unit %1 is not in it): a live "
                               "Encord project's data units come from its datasets")
                    .arg(units.constFirst().dataHash));
}

Result<qint64> Store::diffEach(const DiffQuery &query, const DiffEntrySink &sink)
{
    const Result<QList<DiffRowKey>> keys = diffRows(query);
    if (!keys)
        return keys.takeError();
    constexpr qsizetype kPage = 500;
    for (qsizetype from = 0; from < keys->size(); from += kPage) {
        QList<qint64> units;
        for (qsizetype i = from; i < qMin(keys->size(), from + kPage); ++i)
            units.append(keys->at(i).unit);
        const Result<QList<DiffEntry>> page = diffEntries(query.sourceBranch, query.targetBranch, units);
        if (!page)
            return page.takeError();
        for (const DiffEntry &entry : page.value()) {
            if (Result<void> taken = sink(entry); !taken)
                return taken.takeError();
        }
    }
    return keys->size();
}

} // namespace lb
