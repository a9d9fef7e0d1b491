"""What an article is made of: its sanitised body, its pictures, its slug and its printed dates."""
