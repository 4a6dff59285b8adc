#include "domain/branchname.h"

#include <QList>

namespace lb {

namespace {

// A readable name for a control character, so the user can find it in what they typed or pasted.
QString describeControl(char32_t code)
{
    switch (code) {
    case U'\n':
        return QStringLiteral("a line break");
    case U'\r':
        return QStringLiteral("a carriage return");
    case U'\t':
        return QStringLiteral("a tab");
    case 0:
        return QStringLiteral("a NUL character");
    default:
        break;
    }
    return QStringLiteral("the control character U+%1")
        .arg(QString::number(uint(code), 16).toUpper().rightJustified(4, QLatin1Char('0')));
}

bool isControl(char32_t code)
{
    // C0, DEL and C1 controls, plus the Unicode line and paragraph separators that break a line too.
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code == 0x2028 || code == 0x2029;
}

} // namespace

QString branchNameError(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("branch name must not be empty");

    // Counted in characters (code points), not UTF-16 units, so an emoji counts as one.
    const QList<uint> codes = name.toUcs4();
    if (codes.size() > kMaxBranchNameLength)
        return QStringLiteral("branch name is too long: %1 characters, at most %2 are allowed")
            .arg(codes.size())
            .arg(kMaxBranchNameLength);

    // White space at the ends is reported as such, even when it is a tab or a line break, because that
    // is the mistake a user makes (a pasted name); control characters inside the name come next.
    if (name.front().isSpace())
        return QStringLiteral("branch name must not start with white space");
    if (name.back().isSpace())
        return QStringLiteral("branch name must not end with white space");

    for (qsizetype i = 0; i < codes.size(); ++i) {
        const char32_t code = codes.at(i);
        if (isControl(code))
            return QStringLiteral("branch name must not contain control characters: %1 at position %2")
                .arg(describeControl(code))
                .arg(i + 1);
    }

    return QString();
}

} // namespace lb
