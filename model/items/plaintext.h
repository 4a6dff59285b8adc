#pragma once

#include <QString>
#include <QVariant>

namespace lb {

// A tool tip or label text that shows as written. Qt renders a tool tip as HTML when it looks like markup, so
// a data title or class name such as `<img src=x>` would be interpreted; such text is escaped and marked as
// rich text, line breaks kept. Text without '<' is returned as it is.
inline QString plainText(const QString &text)
{
    if (!text.contains(QLatin1Char('<')))
        return text;
    QString escaped = text.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QLatin1String("<qt>") + escaped + QLatin1String("</qt>");
}

inline QVariant plainToolTip(const QVariant &tip)
{
    return tip.typeId() == QMetaType::QString ? QVariant(plainText(tip.toString())) : tip;
}

} // namespace lb
