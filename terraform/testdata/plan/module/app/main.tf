variable "lb_arn" {}

resource "aws_lb_target_group" "this" {
  port = 8080
}

resource "aws_lb_listener" "this" {
  load_balancer_arn = var.lb_arn
  port              = 443
}

output "tg_arn" {
  value = aws_lb_target_group.this.arn
}

output "listener_arn" {
  value = aws_lb_listener.this.arn
}
