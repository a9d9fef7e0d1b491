"""What readers do on the site: comments, ratings, views and visits."""
