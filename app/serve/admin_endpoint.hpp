#pragma once
// The admin API of `tvbot serve` (its own listener, loopback by default, bearer token):
//   GET  /admin/rejections                   recent webhook rejections, secrets redacted
//   POST /admin/paper/<broker>/price         {"symbol":"BTCUSDT","price":"60000"}: moves a
//                                            paper broker's price (tests, demos, what-ifs)
#include <map>
#include <string>

#include "app/config/secret.hpp"
#include "brokers/paper/paper_broker.hpp"
#include "http/server/server.hpp"
#include "http/webhook/rejection_log.hpp"

namespace tvbot::app {

class AdminEndpoint {
 public:
  // Everything must outlive the endpoint.
  AdminEndpoint(const config::Secret& token, std::map<std::string, PaperBroker*> paper_brokers,
                const webhook::RejectionLog& rejections)
      : token_(token), paper_brokers_(std::move(paper_brokers)), rejections_(rejections) {}

  void handle(http::Request request, http::Responder respond);

 private:
  http::Response set_paper_price(std::string_view broker, const std::string& body);
  http::Response list_rejections() const;

  const config::Secret& token_;
  std::map<std::string, PaperBroker*> paper_brokers_;
  const webhook::RejectionLog& rejections_;
};

}  // namespace tvbot::app
