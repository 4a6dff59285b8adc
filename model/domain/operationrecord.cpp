#include "domain/operationrecord.h"

namespace lb {

namespace {

struct KindName
{
    OperationKind kind;
    const char *name;
};

// One table serves both directions, so a new kind cannot be named but not parsed.
constexpr KindName kKindNames[] = {
    {OperationKind::Copy, "copy"},         {OperationKind::Sync, "sync"},
    {OperationKind::Snapshot, "snapshot"}, {OperationKind::Import, "import"},
    {OperationKind::Undo, "undo"},         {OperationKind::ApplyReview, "apply-review"},
};

} // namespace

QString operationKindName(OperationKind kind)
{
    for (const KindName &entry : kKindNames) {
        if (entry.kind == kind)
            return QLatin1String(entry.name);
    }
    return QString();
}

bool parseOperationKind(const QString &name, OperationKind *kind)
{
    const QString wanted = name.trimmed().toLower();
    for (const KindName &entry : kKindNames) {
        if (wanted == QLatin1String(entry.name)) {
            if (kind)
                *kind = entry.kind;
            return true;
        }
    }
    return false;
}

} // namespace lb
