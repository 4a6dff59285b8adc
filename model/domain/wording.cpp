#include "domain/wording.h"

namespace lb {

QString quoted(const QString &name)
{
    return QLatin1Char('"') + name + QLatin1Char('"');
}

QString plural(qsizetype n, const QString &singular, const QString &pluralForm)
{
    const QString noun =
        n == 1 ? singular : (pluralForm.isEmpty() ? singular + QLatin1Char('s') : pluralForm);
    return QString::number(n) + QLatin1Char(' ') + noun;
}

} // namespace lb
