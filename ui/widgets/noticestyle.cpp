#include "widgets/noticestyle.h"

#include <QLabel>

namespace lb::notice {

namespace {

const QString kDarkText = QStringLiteral("#201f1e");

QString boxBackground(Kind kind)
{
    switch (kind) {
    case Kind::Error:
        return QStringLiteral("#fde7e9");
    case Kind::Warning:
        return QStringLiteral("#fff4ce");
    case Kind::Success:
        return QStringLiteral("#dff6dd");
    case Kind::Info:
        break;
    }
    return QStringLiteral("#e5f1fb");
}

QString boxBorder(Kind kind)
{
    switch (kind) {
    case Kind::Warning:
        return QStringLiteral("#c19c00");
    case Kind::Info:
        return QStringLiteral("#0f6cbd");
    case Kind::Success:
    case Kind::Error:
        break;
    }
    return textColour(kind);
}

} // namespace

QString textColour(Kind kind)
{
    switch (kind) {
    case Kind::Success:
        return QStringLiteral("#107c10");
    case Kind::Warning:
        return QStringLiteral("#8a6d00");
    case Kind::Error:
        return QStringLiteral("#c50f1f");
    case Kind::Info:
        break;
    }
    return QString();
}

void setTextStyle(QLabel *label, Kind kind)
{
    const QString colour = textColour(kind);
    label->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(colour));
}

void setBoxStyle(QLabel *label, Kind kind, int padding)
{
    label->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border: 1px solid %3; "
                                        "border-radius: 3px; padding: %4px; }")
                             .arg(boxBackground(kind), kDarkText, boxBorder(kind))
                             .arg(padding));
}

} // namespace lb::notice
