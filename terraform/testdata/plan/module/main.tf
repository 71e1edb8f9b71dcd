resource "aws_lb" "web" {
  name = "web"
}

module "app" {
  source   = "./app"
  for_each = toset(["blue"])
  lb_arn   = aws_lb.web.arn
}

resource "aws_lb_listener_rule" "r" {
  listener_arn = module.app["blue"].listener_arn
  priority     = 10

  action {
    type             = "forward"
    target_group_arn = module.app["blue"].tg_arn
  }
}
