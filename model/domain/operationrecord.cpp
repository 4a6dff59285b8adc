#include "domain/operationrecord.h"

#include "domain/wording.h"

#include <utility>

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
    {OperationKind::Merge, "merge"},
};

constexpr std::pair<OperationState, const char *> kStateNames[] = {
    {OperationState::Running, "running"},
    {OperationState::Done, "done"},
    {OperationState::Interrupted, "interrupted"},
    {OperationState::Failed, "failed"},
};

} // namespace

QString operationStateName(OperationState state)
{
    for (const auto &[value, name] : kStateNames) {
        if (value == state)
            return QLatin1String(name);
    }
    return QString();
}

bool parseOperationState(const QString &name, OperationState *state)
{
    for (const auto &[value, text] : kStateNames) {
        if (name == QLatin1String(text)) {
            *state = value;
            return true;
        }
    }
    return false;
}

QString OperationRecord::holderText() const
{
    QString text =
        QStringLiteral("%1 #%2 on %3").arg(operationKindName(kind)).arg(id).arg(quoted(targetBranch));
    if (!user.isEmpty())
        text += QStringLiteral(" by ") + user;
    if (startedAt.isValid())
        text += QStringLiteral(", started %1 UTC")
                    .arg(startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    return text;
}

QString OperationRecord::stateText() const
{
    switch (state) {
    case OperationState::Done:
        return QString();
    case OperationState::Running:
        return QStringLiteral("running");
    case OperationState::Interrupted:
    case OperationState::Failed:
        break;
    }
    QString text = operationStateName(state);
    if (batchesTotal > 0)
        text += QStringLiteral(" after batch %1 of %2").arg(batchesDone).arg(batchesTotal);
    return text;
}

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
