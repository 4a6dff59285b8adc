#include "domain/copyrequest.h"

#include "domain/wording.h"

namespace lb {

QString planActionName(PlanAction action)
{
    switch (action) {
    case PlanAction::Create:
        return QStringLiteral("create");
    case PlanAction::Replace:
        return QStringLiteral("replace");
    case PlanAction::Skip:
        return QStringLiteral("skip");
    }
    return QStringLiteral("skip");
}

QString copyMethodName(CopyMethod method)
{
    switch (method) {
    case CopyMethod::Server:
        return QStringLiteral("server");
    case CopyMethod::Client:
        return QStringLiteral("client");
    case CopyMethod::Local:
        break;
    }
    return QStringLiteral("local");
}

QString copyMethodText(const CopyResult &result)
{
    QString text;
    if (result.method == CopyMethod::Server)
        text = QStringLiteral("copied by Encord's copy endpoint");
    else if (result.method == CopyMethod::Client)
        text =
            QStringLiteral("copied client-side: this Encord deployment has no copy endpoint, so labelbranch "
                           "read the source rows and saved them onto the target");
    if (result.unidentified > 0)
        text += QStringLiteral("%1%2 copied into data units the target may already have had rows for cannot "
                               "be told apart; undo leaves them")
                    .arg(text.isEmpty() ? QString() : QStringLiteral(". "))
                    .arg(result.unidentified == 1 ? QStringLiteral("1 row")
                                                  : QStringLiteral("%1 rows").arg(result.unidentified));
    return text;
}

namespace {

constexpr qsizetype kNamedHashes = 10;

QString firstOf(const QStringList &hashes)
{
    QString text = hashes.mid(0, kNamedHashes).join(QStringLiteral(", "));
    if (hashes.size() > kNamedHashes)
        text += QStringLiteral(" and %1 more").arg(hashes.size() - kNamedHashes);
    return text;
}

} // namespace

QStringList unknownHashesText(const UnknownHashes &unknown, const QString &sourceBranch)
{
    QStringList lines;
    const auto count = [](qsizetype n, const QString &kind) {
        return plural(n, kind + QStringLiteral(" hash"), kind + QStringLiteral(" hashes"));
    };
    if (!unknown.dataHashes.isEmpty())
        lines << QStringLiteral("%1 %2 not in this project: %3")
                     .arg(count(unknown.dataHashes.size(), QStringLiteral("data")),
                          unknown.dataHashes.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                          firstOf(unknown.dataHashes));
    if (!unknown.labelHashes.isEmpty())
        lines << QStringLiteral("%1 %2 no row of %3 in scope: %4")
                     .arg(count(unknown.labelHashes.size(), QStringLiteral("label")),
                          unknown.labelHashes.size() == 1 ? QStringLiteral("matches")
                                                          : QStringLiteral("match"),
                          quoted(sourceBranch), firstOf(unknown.labelHashes));
    return lines;
}

} // namespace lb
