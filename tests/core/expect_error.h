#pragma once
// Test helper for loaders and settings: fn must throw std::runtime_error or
// std::invalid_argument (the documented errors) with a message that contains `mentions`.
#include <QTest>
#include <stdexcept>

namespace bithep::testing {

template <class Fn>
void expectError(Fn fn, const QString& mentions) {
    try {
        fn();
    } catch (const std::runtime_error& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(mentions), e.what());
        return;
    } catch (const std::invalid_argument& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(mentions), e.what());
        return;
    }
    QFAIL(qPrintable("no error; expected one mentioning " + mentions));
}

}  // namespace bithep::testing
