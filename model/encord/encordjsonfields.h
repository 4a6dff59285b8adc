#pragma once

#include <nlohmann/json.hpp>
#include <QByteArray>
#include <QDateTime>
#include <QString>

// Reading the fields of Encord's JSON answers, shared by the parts of the Encord store. Encord does not
// always type its fields as documented: a missing key or a value of another type reads as empty instead of
// failing, and numbers may come as strings.
namespace lb::encordjson {

QString str(const nlohmann::json &value);
nlohmann::json field(const nlohmann::json &object, const char *key);
int intField(const nlohmann::json &object, const char *key, int fallback = 0);
double doubleField(const nlohmann::json &object, const char *key);
QDateTime timeField(const nlohmann::json &object, const char *key);
// A row dict as the cache and the journal keep it: compact, invalid UTF-8 replaced instead of thrown on.
QByteArray compactBytes(const nlohmann::json &value);
// What compactBytes() stored; a discarded value when the bytes are not JSON.
nlohmann::json parseBytes(const QByteArray &bytes);

} // namespace lb::encordjson
