variable "env" {
  type    = string
  default = "dev"
}

variable "azs" {
  type    = list(string)
  default = ["us-east-1a", "us-east-1b"]
}

variable "instance_type" {
  type = string
}

variable "app_count" {
  type    = number
  default = 1
}

variable "db" {
  type = object({
    class    = string
    multi_az = optional(bool, false)
  })
  default = { class = "db.t3.micro" }
}

variable "ssh_key" {
  type = string
}

variable "certs" {
  type = map(string)
  default = {
    prod = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
  }
}
