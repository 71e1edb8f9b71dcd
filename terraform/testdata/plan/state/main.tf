variable "app_count" {
  default = 2
}

resource "aws_security_group" "app" {
  name = "app"
}

resource "aws_security_group" "db" {
  name = "db"

  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  security_groups    = [aws_security_group.app.id]
}

# infralint:ignore=LB001 reason="redirects to HTTPS only"
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_instance" "app" {
  count                  = var.app_count
  ami                    = "ami-0abcdef1234567890"
  instance_type          = "m5.large"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_db_instance" "main" {
  engine                 = "postgres"
  instance_class         = "db.r5.large"
  allocated_storage      = 100
  multi_az               = true
  storage_encrypted      = true
  vpc_security_group_ids = [aws_security_group.db.id]
}

provider "aws" {
  region = "us-east-1"
}
